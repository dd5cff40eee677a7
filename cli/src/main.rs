//! `dsreg`: analyze `dsregcmd /status` output from the command line.
fn main() {
    println!("dsreg: not yet implemented");
}
