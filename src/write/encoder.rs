//! Where full row groups are encoded. On the writer's own thread, the
//! workers wait while it encodes: the window of documents fills within a
//! few of them, and a 20,000-report run with two jobs left its cores idle
//! 11 % of the time. On a thread of its own, encoding overlaps the workers
//! and the writer goes on spilling the next row group. One thread, fed in
//! the order row groups fill, so each file's row groups and its footer
//! follow in order.

use super::WriteError;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

/// Work on a file's Parquet side: a row group to encode, or its close.
pub type Job = Box<dyn FnOnce() -> Result<(), WriteError> + Send>;

/// Row groups waiting for the encoding thread before the writer waits in
/// turn: on disk, so a few cost no memory, and more would only let the
/// writer run further ahead of an encoder that is the slower of the two.
const QUEUED: usize = 2;

/// The encoding thread: where jobs are sent, and its outcome.
type Thread = (SyncSender<Job>, JoinHandle<Result<(), WriteError>>);

/// Runs jobs inline, or on a thread of its own.
#[derive(Default)]
pub struct Encoder {
    thread: Option<Thread>,
}

impl Encoder {
    /// Encodes on a thread of its own, which calls `busy(true)` before each
    /// job and `busy(false)` after it: the run then gives the encode one of
    /// its cores.
    pub fn spawn(busy: impl Fn(bool) + Send + 'static) -> Result<Self, WriteError> {
        let (jobs, queue) = sync_channel::<Job>(QUEUED);
        let run = move || {
            queue.into_iter().try_for_each(|job| {
                busy(true);
                let done = crate::timing::timed(crate::timing::Stage::Write, job);
                busy(false);
                done
            })
        };
        let thread = std::thread::Builder::new()
            .name("budgetlake-encoder".into())
            .spawn(run)
            .map_err(|source| WriteError::Thread { source })?;
        Ok(Encoder { thread: Some((jobs, thread)) })
    }

    /// Whether jobs run on the caller's thread, holding it up.
    pub fn is_inline(&self) -> bool {
        self.thread.is_none()
    }

    /// Runs `job` after every job given before it.
    pub fn run(&mut self, job: Job) -> Result<(), WriteError> {
        let Some((jobs, _)) = &self.thread else { return job() };
        match jobs.send(job) {
            Ok(()) => Ok(()),
            // The thread stopped at a failed job: that failure is the run's.
            Err(refused) => {
                self.wait()?;
                (refused.0)()
            }
        }
    }

    /// Waits for every job given so far; later ones run inline.
    pub fn wait(&mut self) -> Result<(), WriteError> {
        match self.stopped() {
            None => Ok(()),
            Some(Ok(done)) => done,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
        }
    }

    /// Ends the thread, if there is one, once the jobs given so far are
    /// done: how it ended.
    fn stopped(&mut self) -> Option<std::thread::Result<Result<(), WriteError>>> {
        let (jobs, thread) = self.thread.take()?;
        drop(jobs);
        Some(thread.join())
    }
}

impl Drop for Encoder {
    /// A writer dropped unfinished (a failed run) lets the jobs given so
    /// far end before its staging folder is removed; their outcome no
    /// longer matters.
    fn drop(&mut self) {
        let _ = self.stopped();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn failed(what: &str) -> WriteError {
        WriteError::NoYear { source_name: what.into() }
    }

    #[test]
    fn jobs_run_in_the_order_given_each_between_busy_and_idle() {
        let done = Arc::new(Mutex::new(vec![]));
        let told = Arc::clone(&done);
        let mut encoder =
            Encoder::spawn(move |busy| told.lock().unwrap().push(if busy { "busy" } else { "idle" })).unwrap();
        const JOBS: [&str; 3] = ["a", "b", "c"];
        for job in JOBS {
            let done = Arc::clone(&done);
            encoder
                .run(Box::new(move || {
                    done.lock().unwrap().push(job);
                    Ok(())
                }))
                .unwrap();
        }
        encoder.wait().unwrap();
        let expected = ["busy", "a", "idle", "busy", "b", "idle", "busy", "c", "idle"];
        assert_eq!(*done.lock().unwrap(), expected);
        assert!(encoder.is_inline(), "jobs after the wait run inline");
    }

    #[test]
    fn a_failed_job_fails_the_writer_and_no_later_job_runs() {
        let done = Arc::new(Mutex::new(vec![]));
        let mut encoder = Encoder::spawn(|_| {}).unwrap();
        encoder.run(Box::new(|| Err(failed("first")))).unwrap();
        let push = |i| -> Job {
            let done = Arc::clone(&done);
            Box::new(move || {
                done.lock().unwrap().push(i);
                Ok(())
            })
        };
        // The queue holds two: a later job is refused once the thread has stopped.
        let err = (0..10).find_map(|i| encoder.run(push(i)).err()).or_else(|| encoder.wait().err()).unwrap();
        assert!(err.to_string().contains("first"), "{err}");
        assert!(done.lock().unwrap().is_empty());
    }
}
