//! `cargo run -p xtask -- generate`: see the library's documentation (src/lib.rs).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("generate") {
        eprintln!("usage: cargo run -p xtask -- generate");
        return ExitCode::FAILURE;
    }
    match xtask::generate(&xtask::root()) {
        Ok(written) => {
            for path in written {
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("xtask generate: {error}");
            ExitCode::FAILURE
        }
    }
}
