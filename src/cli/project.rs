//! The map project file, `incimap.toml`: every option of `incimap map`
//! under its own name, so a map is regenerated with one word. Keys become
//! the options they name and go through the same parser as the command
//! line, whose options win.
//!
//! ```toml
//! input = "incidents.csv"
//! output = "output"
//! title = "Attacks in the Fergana Valley"
//! size-by = "fatalities"
//! timeline = true
//! format = ["svg", "png"]
//! type = ["bombing", "armed assault"]
//!
//! [column]
//! place = "Town"
//! ```

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, CommandFactory, Parser};

use super::Failure;
use super::map::MapArgs;

/// The project file `incimap map` looks for in the working folder.
pub const PROJECT_FILE: &str = "incimap.toml";

/// Keys whose values are paths, taken relative to the project file.
const PATH_KEYS: [&str; 4] = ["input", "output", "gazetteer", "style"];

/// `incimap map`'s options alone, to parse a project's options with.
#[derive(Parser)]
#[command(name = "incimap map")]
struct MapOnly {
    #[command(flatten)]
    args: MapArgs,
}

/// The project file to use: the `.toml` given as the input, else
/// `incimap.toml` in the working folder when no input is given.
pub fn find(input: Option<&Path>) -> Option<PathBuf> {
    match input {
        Some(path) if path.extension().is_some_and(|e| e == "toml") => Some(path.to_path_buf()),
        Some(_) => None,
        None => Path::new(PROJECT_FILE)
            .is_file()
            .then(|| PathBuf::from(PROJECT_FILE)),
    }
}

/// The `map` options of a project file, with `command_line` (the
/// arguments after `map`) on top: an option given there replaces the file's.
/// The project is used only when the command line names no input file, so
/// the input is always the project's.
pub fn merge(project: &Path, command_line: &[OsString]) -> Result<MapArgs, Failure> {
    let name = project.display().to_string();
    let text = std::fs::read_to_string(project).map_err(|e| format!("{name}: {e}"))?;
    let table: toml::Table = text.parse().map_err(|e| format!("{name}: {e}"))?;
    let base = project.parent().unwrap_or(Path::new(""));
    let command = MapOnly::command();
    let options: Vec<&Arg> = command.get_arguments().collect();
    let given = |arg: &Arg| {
        command_line.iter().any(|a| {
            let a = a.to_string_lossy();
            arg.get_long()
                .is_some_and(|l| a == format!("--{l}") || a.starts_with(&format!("--{l}=")))
                || arg
                    .get_short()
                    .is_some_and(|s| a.starts_with(&format!("-{s}")) && !a.starts_with("--"))
        })
    };
    let mut argv: Vec<OsString> = vec!["incimap map".into()];
    for (key, value) in &table {
        let wrong = |what: &str| Failure::Message(format!("{name}: `{key}`: {what}"));
        if key == "input" {
            let toml::Value::String(path) = value else {
                return Err(wrong("expected a file name"));
            };
            argv.push(base.join(path).into());
            continue;
        }
        let Some(arg) = options.iter().find(|a| a.get_long() == Some(key.as_str())) else {
            return Err(Failure::Message(unknown_key(&name, key, &options)));
        };
        if given(arg) {
            continue;
        }
        let flag = format!("--{key}");
        let is_path = PATH_KEYS.contains(&key.as_str());
        let text = |v: &toml::Value| -> Result<OsString, Failure> {
            let s = match v {
                toml::Value::String(s) if is_path => return Ok(base.join(s).into()),
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Float(x) => x.to_string(),
                _ => return Err(wrong("expected a string or a number")),
            };
            Ok(s.into())
        };
        let mut push = |v: OsString| {
            let mut a = OsString::from(format!("{flag}="));
            a.push(v);
            argv.push(a);
        };
        match (value, arg.get_action()) {
            (toml::Value::Boolean(on), ArgAction::SetTrue) => {
                if *on {
                    argv.push(flag.clone().into());
                }
            }
            (_, ArgAction::SetTrue) => return Err(wrong("expected true or false")),
            (toml::Value::Array(items), ArgAction::Append) => {
                for item in items {
                    push(text(item)?);
                }
            }
            (toml::Value::Table(pairs), ArgAction::Append) if key == "column" => {
                for (field, header) in pairs {
                    let toml::Value::String(header) = header else {
                        return Err(wrong("expected FIELD = \"HEADER\" pairs"));
                    };
                    push(format!("{field}={header}").into());
                }
            }
            (toml::Value::Array(_) | toml::Value::Table(_), _) => {
                return Err(wrong("expected a single value"));
            }
            (single, _) => push(text(single)?),
        }
    }
    argv.extend(
        command_line
            .iter()
            .filter(|a| !a.to_string_lossy().ends_with(".toml"))
            .cloned(),
    );
    MapOnly::try_parse_from(&argv)
        .map(|m| m.args)
        .map_err(|e| Failure::Message(format!("{name}: {}", e.render().to_string().trim())))
}

/// "unknown key `titel`; did you mean `title`?"
fn unknown_key(name: &str, key: &str, options: &[&Arg]) -> String {
    let closest = options
        .iter()
        .filter_map(|a| a.get_long())
        .chain(["input"])
        .map(|l| (strsim::levenshtein(l, key), l))
        .min();
    match closest {
        Some((d, long)) if d <= 3 => {
            format!("{name}: unknown key `{key}`; did you mean `{long}`?")
        }
        _ => {
            format!("{name}: unknown key `{key}`; the keys are the options of `incimap map --help`")
        }
    }
}

/// The text of a new project file for `input`: its path, what was detected
/// in it, and every other option commented out with its help.
pub fn template(input: &Path, detected: &str, columns: &[(String, String)]) -> String {
    let mut out = String::from(
        "# incimap map project: run `incimap map` in this folder (or `incimap map FILE.toml`).\n\
         # Each key is an option of `incimap map` with the same name; options given on the\n\
         # command line win. Paths are relative to this file.\n\n",
    );
    out += &format!("# {detected}\n");
    out += &format!(
        "input = {}\n",
        toml::Value::String(input.display().to_string())
    );
    out += "output = \"output\"\nformat = [\"svg\"]\n\n";
    let command = MapOnly::command();
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        if matches!(long, "output" | "format" | "column") || arg.is_hide_set() {
            continue;
        }
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let example = match arg.get_action() {
            ArgAction::SetTrue => "false".to_string(),
            ArgAction::Append => "[]".to_string(),
            _ => match arg.get_default_values().first() {
                Some(v) => toml::Value::String(v.to_string_lossy().into()).to_string(),
                None => "\"\"".to_string(),
            },
        };
        out += &format!("# {help}\n# {long} = {example}\n");
    }
    out += "\n# The columns read as each field, as detected; change to pick others.\n[column]\n";
    for (field, header) in columns {
        out += &format!("{field} = {}\n", toml::Value::String(header.clone()));
    }
    out
}
