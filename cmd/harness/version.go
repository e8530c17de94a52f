package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

func runVersion(args []string, out, _ io.Writer) (int, error) {
	if len(args) > 0 && isHelpArg(args[0]) {
		return 0, flag.ErrHelp
	}
	if len(args) > 0 {
		return 0, usagef("version takes no arguments, got %s (allowed: harness version alone)", trace.Clip(strings.Join(args, " ")))
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = &debug.BuildInfo{}
	}
	fmt.Fprintln(out, versionLine(info))
	return exitOK, nil
}

// versionLine names the main module's version ("(devel)" when built from
// a checkout, where the commit says which), the module and the Go release.
func versionLine(info *debug.BuildInfo) string {
	version, path := info.Main.Version, info.Main.Path
	if version == "" {
		version = "(devel)"
	}
	if path == "" {
		path = "github.com/interleave/concurrency"
	}
	goVersion := info.GoVersion
	if goVersion == "" {
		goVersion = "go (unknown)"
	}
	line := fmt.Sprintf("harness version %s, module %s, built with %s", version, path, goVersion)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		line += ", commit " + rev[:min(12, len(rev))]
		if settings["vcs.modified"] == "true" {
			line += " (modified)"
		}
	}
	return line
}
