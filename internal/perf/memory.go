package perf

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
)

// StackMemory reads the Lambda memory settings from the stack's source
// (infra/stack.go, func memory), so the cost model prices what the stack
// deploys without a second copy of the numbers: the size returned inside
// `if op.Bulk()` is bulk's, the other return is every other function's.
func StackMemory(stackGo string) (normal, bulk int, err error) {
	f, err := parser.ParseFile(token.NewFileSet(), stackGo, nil, 0)
	if err != nil {
		return 0, 0, err
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "memory" || fn.Body == nil {
			continue
		}
		for _, st := range fn.Body.List {
			switch s := st.(type) {
			case *ast.IfStmt:
				if len(s.Body.List) == 1 {
					bulk = returned(s.Body.List[0])
				}
			case *ast.ReturnStmt:
				normal = returned(s)
			}
		}
	}
	if normal == 0 || bulk == 0 {
		return 0, 0, fmt.Errorf("%s: no func memory of the shape `if op.Bulk() { return N }; return M`", stackGo)
	}
	return normal, bulk, nil
}

// returned is the integer literal a return statement returns (0 if not).
func returned(st ast.Stmt) int {
	r, ok := st.(*ast.ReturnStmt)
	if !ok || len(r.Results) != 1 {
		return 0
	}
	lit, ok := r.Results[0].(*ast.BasicLit)
	if !ok {
		return 0
	}
	n, _ := strconv.Atoi(lit.Value)
	return n
}
