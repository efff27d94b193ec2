import SupportPipeline
import Postgres

extension PostgresError: ClassifiedError {
    public var isOutage: Bool { isServerUnavailable }
}
