// Command casebook reads Japanese personal-data breach notices, extracts
// incident records, judges them under APPI, stores and searches them, and
// serves them as a JSON API and a Japanese web UI.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// exitCode carries a process exit status through cobra.
type exitCode struct {
	code int
	err  error
}

func (e *exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageErr marks bad usage (exit 2).
func usageErr(format string, a ...any) error {
	return &exitCode{2, fmt.Errorf(format, a...)}
}

// partialFailure is exit 1: some inputs failed, the rest were processed.
var partialFailure = &exitCode{code: 1}

// app holds what every command shares.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	json   bool
	log    *slog.Logger
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	a.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ec *exitCode
	code := 2 // cobra's own errors are usage errors (unknown flag, missing argument)
	if errors.As(err, &ec) {
		code = ec.code
		err = ec.err
	} else if !isUsage(err) && !strings.HasPrefix(err.Error(), "unknown command") {
		code = 1
	}
	if err != nil {
		if a.json {
			json.NewEncoder(stdout).Encode(map[string]string{"error": err.Error()})
		} else {
			fmt.Fprintln(stderr, "casebook:", err)
		}
	}
	return code
}

// usageError wraps cobra's flag and argument errors.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "casebook",
		Short: "casebook — 事故から学ぶ: a casebook of Japanese personal-data breach notices",
		Long: `casebook reads Japanese breach notices (お詫び/お知らせ, regulator actions, digest pages)
from files, folders, URLs, HTML and PDF; extracts incident records; judges them under APPI
(安全管理措置, 漏えい等報告); stores, searches and compares them; and serves a Japanese web UI.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolVar(&a.json, "json", false, "print JSON (JSON Lines for records)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.extractCmd(), a.textCmd(), a.evalCmd(), a.trainCmd(), a.codesCmd())
	a.addStoreCommands(root)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs marks argument-count errors as usage errors.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}
