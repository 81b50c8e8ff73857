import Foundation

/// Runs an async body to its end on the calling thread. The body's task prefers this executor,
/// so its jobs are queued here and `run` executes them one after another on the thread that
/// called it, waiting while none is queued (the body awaits something elsewhere).
///
/// `SQLiteDatabase.write` runs a transaction's body this way inside GRDB's synchronous writer
/// access: BEGIN, every statement, and COMMIT or ROLLBACK happen within that one access, on
/// GRDB's writer thread, so no transaction is ever left open while the writer is handed to
/// anything else — whatever the body awaits, and however its task is cancelled.
final class InlineExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  /// Guarded by `condition`.
  private var jobs: [UnownedJob] = []
  /// Guarded by `condition`: set when the body has returned or thrown.
  private var finished = false

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Runs `body` to its end on this thread and returns its value or throws its error. `body` is
  /// released before this returns (its task ends here).
  static func run<T>(_ body: @escaping () async throws -> T) throws -> T {
    let executor = InlineExecutor()
    let outcome = Outcome<T>()
    let operation = UncheckedOperation(body: body)
    // The handle is not kept: the task (and with it `body`) is gone once its last job ran.
    _ = Task(executorPreference: executor) {
      do { outcome.result = .success(try await operation.body()) } catch { outcome.result = .failure(error) }
      executor.finish()
    }
    executor.drain()
    guard let result = outcome.result else { throw CancellationError() }
    return try result.get()
  }

  private func finish() {
    condition.lock()
    finished = true
    condition.signal()
    condition.unlock()
  }

  /// Runs queued jobs until the body has finished and nothing is left to run.
  private func drain() {
    let unowned = asUnownedTaskExecutor()
    while true {
      condition.lock()
      while jobs.isEmpty && !finished { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: unowned)
    }
  }

  /// The body's result, written by its task and read once `drain` returned (both on this thread,
  /// or ordered by `condition`).
  private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
  }

  /// The body, handed to a task that never outlives `run`.
  private struct UncheckedOperation<T>: @unchecked Sendable {
    let body: () async throws -> T
  }
}
