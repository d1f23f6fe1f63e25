// Command hello is the smallest floor the functions are measured against
// (internal/lambdabuild): a Go program that does nothing.
package main

func main() {}
