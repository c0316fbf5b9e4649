//! `policing`: figures from the public police data of England and Wales (see
//! the library, `policing_cli`, for the commands).

fn main() -> std::process::ExitCode {
    policing_cli::main()
}
