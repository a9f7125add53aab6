use std::process::ExitCode;

fn main() -> ExitCode {
    coopai::commands::main()
}
