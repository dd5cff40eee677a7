//! Entry point of the browser app: installs the panic hook and mounts [`dsreg_web::App`].

fn main() {
    // A panic's message goes to the browser console (the page cannot go on after one).
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("{info}");
    }));
    leptos::mount::mount_to_body(dsreg_web::App);
}
