package main

import "github.com/spf13/cobra"

func runBench(cmd *cobra.Command, a *app) error { return usageErr("bench: not built yet") }
