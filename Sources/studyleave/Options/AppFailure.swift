import StudyLeaveApp

/// The one error a command throws: main prints its line and exits with its code.
struct AppFailure: Error {
    let error: AppError
    init(_ error: AppError) { self.error = error }
}
