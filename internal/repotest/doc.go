// Package repotest holds checks on the repository itself: that the tree carries no build
// output, that the README's commands are the ones the tests run, and that packages
// depend on each other only as STYLE.md's "The house" allows (imports_test.go).
package repotest
