//! State the module keeps between calls (the error factory, caches of JS strings).
//!
//! `no_std` has no `thread_local!`; a module built without atomics runs on the one thread
//! of its JS realm, so a plain static serves.

use core::cell::RefCell;

#[cfg(target_feature = "atomics")]
compile_error!("the module keeps its state in plain statics: it must run on one thread");

/// A value of the module's one thread.
pub struct Local<T>(RefCell<T>);

// SAFETY: built without atomics (checked above), the module has one thread, and a value
// never leaves it.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    pub const fn new(value: T) -> Local<T> {
        Local(RefCell::new(value))
    }

    /// Runs `f` on the value. `f` must not reach the same `Local` again (it would panic).
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
}
