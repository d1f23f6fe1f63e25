// Package repofiles holds the rules for what the repository may track:
// no executable binaries (build outputs belong in .gitignore) and no file
// over 1 MB (a clone stays small and every diff stays reviewable).
package repofiles

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// MaxSize is the largest file the repository may track.
const MaxSize = 1 << 20

// executable magic numbers: ELF, PE (MZ), Mach-O (32/64-bit, both byte
// orders) and universal Mach-O.
var magics = [][]byte{
	{0x7f, 'E', 'L', 'F'},
	{'M', 'Z'},
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf},
	{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe},
	{0xca, 0xfe, 0xba, 0xbe},
}

// Check returns one finding per path (relative to root) that breaks a rule.
func Check(root string, paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		f, err := os.Open(filepath.Join(root, p))
		if os.IsNotExist(err) {
			continue // deleted in the work tree, not yet in the index
		}
		if err != nil {
			return nil, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		head := make([]byte, 4)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if st.IsDir() {
			continue // a submodule
		}
		if st.Size() > MaxSize {
			out = append(out, fmt.Sprintf("%s: %d bytes, over the %d-byte limit", p, st.Size(), MaxSize))
		}
		for _, m := range magics {
			if n >= len(m) && bytes.Equal(head[:len(m)], m) {
				out = append(out, p+": an executable binary (ignore it where it is built)")
				break
			}
		}
	}
	return out, nil
}

// Tracked lists the files git tracks under root.
func Tracked(root string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	return strings.Split(strings.TrimRight(string(b), "\x00"), "\x00"), nil
}
