package main

import "github.com/spf13/cobra"

func (a *app) addStoreCommands(root *cobra.Command) {}
