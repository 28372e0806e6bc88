//! Documents handed from the workers to the writer in input order, with at
//! most a window of them in flight. Workers take the next input as soon as
//! they are free, so one slow report holds up nobody until the window is
//! used up; ordered chunks made every worker wait for the slowest report of
//! each chunk. The window bounds memory the way the chunk did: a finished
//! outcome waits at most `size` places for the ones before it. An encode
//! takes a core too: while one runs, one worker fewer is admitted.

use std::collections::BTreeMap;
use std::sync::mpsc::Receiver;
use std::sync::{Condvar, Mutex};

/// How far ahead of the writer workers may go, and how many at once.
pub struct Window {
    size: usize,
    /// Cores the run has, shared by the workers and the encodes.
    cores: usize,
    state: Mutex<State>,
    moved: Condvar,
}

#[derive(Default)]
struct State {
    /// Outcomes handed on so far.
    handed: usize,
    /// The writer stopped: nobody is admitted any more.
    stopped: bool,
    /// Workers reading a document.
    working: usize,
    /// Row groups being encoded.
    held: usize,
}

impl Window {
    /// A window of `size` documents (at least one), read on `cores` cores.
    pub fn new(size: usize, cores: usize) -> Self {
        Window { size: size.max(1), cores: cores.max(1), state: Mutex::new(State::default()), moved: Condvar::new() }
    }

    /// Waits until input `i` is inside the window and a core is free for
    /// it; false once the writer has stopped, when there is no point in
    /// reading it. An admitted worker says when it is [`Window::done`].
    pub fn admit(&self, i: usize) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let busy = |s: &State| i >= s.handed + self.size || s.working + s.held >= self.cores;
        let mut state = self.moved.wait_while(state, |s| !s.stopped && busy(s)).unwrap_or_else(|e| e.into_inner());
        state.working += 1;
        !state.stopped
    }

    /// A worker admitted by [`Window::admit`] has read its document.
    pub fn done(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.working = state.working.saturating_sub(1);
        drop(state);
        self.moved.notify_all();
    }

    /// Releases every waiting worker: the writer takes nothing more.
    pub fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        self.moved.notify_all();
    }

    /// Takes a core for an encode until [`Window::release`]: one worker
    /// fewer is admitted meanwhile, none with one core. A writer encoding
    /// a row group in its own thread takes no outcomes for tens of
    /// milliseconds, so the window would fill within a few documents and
    /// the workers wait anyway; held back from the start, they leave no
    /// outcomes waiting beside the encode (up to a window of them, some
    /// 150 KB each). Encoded on a thread of its own, the row group would
    /// otherwise run beside a document on every core, and the peak RSS of
    /// a 20,000-report run with two jobs rose by 0.8 MiB.
    pub fn hold(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).held += 1;
    }

    /// Gives back the core [`Window::hold`] took.
    pub fn release(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.held = state.held.saturating_sub(1);
        drop(state);
        self.moved.notify_all();
    }

    /// A guard that closes the window when dropped, however its holder
    /// stops: a writer that panicked without closing it left every worker
    /// waiting for room, and the run hung instead of failing.
    pub fn closed_on_drop(&self) -> Closer<'_> {
        Closer(self)
    }

    fn advance(&self, handed: usize) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).handed = handed;
        self.moved.notify_all();
    }

    /// The items of `rx`, sent as (input index, item) in any order, in
    /// index order. Items ahead of a missing one wait here, never more than
    /// the window, since workers are admitted only inside it.
    pub fn in_order<'a, T>(&'a self, rx: Receiver<(usize, T)>) -> impl Iterator<Item = T> + 'a
    where
        T: 'a,
    {
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        std::iter::from_fn(move || loop {
            if let Some(item) = waiting.remove(&next) {
                next += 1;
                self.advance(next);
                return Some(item);
            }
            let (i, item) = rx.recv().ok()?;
            waiting.insert(i, item);
        })
    }
}

/// Closes its window when dropped (see [`Window::closed_on_drop`]).
pub struct Closer<'a>(&'a Window);

impl Drop for Closer<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc::sync_channel;

    #[test]
    fn items_come_out_in_input_order_and_workers_stay_inside_the_window() {
        let window = Window::new(3, 2);
        let taken = AtomicUsize::new(0);
        let (tx, rx) = sync_channel(3);
        let out: Vec<usize> = std::thread::scope(|s| {
            for w in 0..2 {
                let tx = tx.clone();
                let (window, taken) = (&window, &taken);
                s.spawn(move || loop {
                    let i = taken.fetch_add(1, Ordering::Relaxed);
                    if i >= 40 || !window.admit(i) {
                        break;
                    }
                    // The second worker is slow, so the first runs ahead.
                    std::thread::sleep(std::time::Duration::from_micros(200 * w));
                    let handed = window.state.lock().unwrap().handed;
                    assert!(i < handed + 3, "input {i} started with only {handed} handed on");
                    window.done();
                    tx.send((i, i)).unwrap();
                });
            }
            drop(tx);
            window.in_order(rx).collect()
        });
        assert_eq!(out, (0..40).collect::<Vec<_>>());
    }

    /// Asserts that input `i` waits for `free` to run, and is admitted then.
    fn admitted_only_after(window: &Window, i: usize, why: &str, free: impl FnOnce()) {
        std::thread::scope(|s| {
            let waiting = s.spawn(|| window.admit(i));
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!waiting.is_finished(), "{why}");
            free();
            assert!(waiting.join().unwrap());
        });
    }

    #[test]
    fn a_held_window_admits_nobody_until_released() {
        let window = Window::new(4, 1);
        window.hold();
        admitted_only_after(&window, 0, "input 0 was admitted while the window was held", || window.release());
        window.hold();
        std::thread::scope(|s| {
            let waiting = s.spawn(|| window.admit(0));
            window.close();
            assert!(!waiting.join().unwrap(), "a closed window admits nobody, held or not");
        });
    }

    #[test]
    fn an_encode_takes_one_core_of_the_run() {
        let window = Window::new(8, 2);
        window.hold();
        assert!(window.admit(0), "one core is left for a worker");
        admitted_only_after(&window, 1, "a second worker was admitted beside the encode", || window.release());
        // Two workers read; an encode starts; one worker is done: its core is the encode's.
        window.hold();
        window.done();
        admitted_only_after(&window, 2, "two workers read while an encode runs", || window.done());
    }

    #[test]
    fn closing_releases_waiting_workers() {
        let window = Window::new(1, 1);
        std::thread::scope(|s| {
            let waiting = s.spawn(|| window.admit(5));
            window.close();
            assert!(!waiting.join().unwrap());
        });
    }

    #[test]
    fn a_writer_that_panics_releases_waiting_workers() {
        let window = Window::new(1, 1);
        std::thread::scope(|s| {
            let waiting = s.spawn(|| window.admit(5));
            let writer = s.spawn(|| {
                let _close = window.closed_on_drop();
                panic!("the writer failed");
            });
            assert!(writer.join().is_err());
            let released = (0..500).any(|_| {
                std::thread::sleep(std::time::Duration::from_millis(10));
                waiting.is_finished()
            });
            window.close(); // so that the scope ends even when the guard did not
            assert!(released, "the worker still waits for room after the writer panicked");
            assert!(!waiting.join().unwrap());
        });
    }
}
