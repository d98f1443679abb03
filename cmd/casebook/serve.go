package main

import "github.com/spf13/cobra"

func (a *app) addServeCommands(root *cobra.Command) {}
