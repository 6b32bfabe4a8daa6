package cli

import (
	"reflect"
	"strings"

	"github.com/urfave/cli/v3"
)

// EnvPrefix is the prefix of every environment variable of program: VIGIL_TOWER for the
// watchtower, VIGIL_ and the program's name in capitals for the others (VIGIL_HUB,
// VIGIL_CHANCTL).
func EnvPrefix(program string) string {
	if program == "watchtower" {
		return "VIGIL_TOWER"
	}
	return "VIGIL_" + strings.ToUpper(program)
}

// EnvVar is the environment variable of flag under prefix: the flag's name in capitals,
// dots and dashes as underscores (--log.level of the hub is VIGIL_HUB_LOG_LEVEL).
func EnvVar(prefix, flag string) string {
	return prefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(flag))
}

// bindEnv gives every flag of app and of its commands the one environment variable
// derived from its name (EnvVar), replacing any it had, so that every flag of a program
// can be set from the environment under one prefix and the help shows which variable.
// A value on the command line wins over the environment.
func bindEnv(app *cli.Command) {
	prefix := EnvPrefix(app.Name)
	_ = app.Walk(func(c *cli.Command) error {
		for _, f := range c.Flags {
			names := f.Names()
			if len(names) == 0 || names[0] == "help" {
				continue
			}
			v := reflect.ValueOf(f)
			if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
				continue
			}
			if src := v.Elem().FieldByName("Sources"); src.IsValid() && src.CanSet() && src.Type() == reflect.TypeFor[cli.ValueSourceChain]() {
				src.Set(reflect.ValueOf(cli.EnvVars(EnvVar(prefix, names[0]))))
			}
		}
		return nil
	})
}
