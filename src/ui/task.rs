//! What a background thread's death says. The app's threads (loading,
//! exporting, importing, auditing) run their work under `catch_unwind`, so a
//! bug that panics there becomes an error the user sees with its message,
//! never a result that looks clean or a spinner that never stops.

/// The text a panic carried (`panic!("…")`, an index out of bounds).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Runs `job`, turning a panic into its message.
pub fn catching<T>(job: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
        .map_err(|payload| panic_message(payload.as_ref()))
}
