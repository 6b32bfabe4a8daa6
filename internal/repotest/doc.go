// Package repotest holds checks on the repository itself: that the tree carries no build
// output, and that the README's commands are the ones the tests run.
package repotest
