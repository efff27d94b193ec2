import Postgres

extension PostgresError: ClassifiedError {}
