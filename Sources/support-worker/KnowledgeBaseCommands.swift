import CommandLineOptions
import Foundation
import JSONSchema
import KnowledgeBase
import Logging
import Postgres
import SupportDatabase
import SupportModel
import SupportTools
import TransformerUnderstanding
import Understanding

/// What the knowledge-base commands share: the database, the encoder, the loaded index.
enum KnowledgeBaseSetup {
    static let options: [OptionSpec] = [WorkerOptions.database, WorkerOptions.logLevel] + UnderstandingOptions.specs

    /// Connects and migrates, loads the encoder and (when `load`) the index, runs `body`, and
    /// releases the pool and the encoder whichever way it ends.
    static func run<Value>(
        _ options: ParsedOptions, command: String, load: Bool, _ body: (KnowledgeBase) async throws -> Value
    ) async throws -> Value {
        let logger = try WorkerOptions.logger(options, label: command)
        let engine = try UnderstandingOptions.engine(options)
        defer { engine.shutDown() }
        guard let embedder = engine.retrievalEmbedder else {
            throw UsageError("\(command) needs the Transformer (the knowledge base is searched with its sentence embeddings); drop --nlu rules")
        }
        let pool = try PostgresPool(configuration: PostgresConfiguration(url: try options.required("database-url")), logger: logger)
        do {
            try await DatabaseMigrator(logger: logger).migrate(pool)
            let knowledgeBase = KnowledgeBase(storage: PostgresKnowledgeBaseStore(pool: pool), embedder: embedder)
            if load { try await knowledgeBase.refreshIfChanged() }
            let value = try await body(knowledgeBase)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}

/// `kb import FILE`: loads help-centre articles into PostgreSQL.
enum KnowledgeBaseImportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "kb import",
        summary: "Import help-centre articles (JSON Lines) into the knowledge base.",
        discussion: """
            Reads JSON Lines, one article per line: {"id", "language" (zh or en), "category", "title",
            "products" (catalogue SKUs), "body", "updated_at"}. New and changed articles are split into passages
            (title kept with each), embedded with the encoder and saved, one article per transaction; unchanged
            articles are not embedded again (unless the encoder changed). A bad line is reported with its number
            and skipped; the rest are imported (exit code 1 when any line was bad). Running workers load the
            change within their refresh interval.
            """,
        options: KnowledgeBaseSetup.options,
        positional: "FILE")

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        guard options.positional.count == 1, let path = options.positional.first else {
            throw UsageError("kb import takes one file of articles")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
        guard let text = String(bytes: data, encoding: .utf8) else { throw UsageError("\(path) is not UTF-8 text") }
        let file = ArticleFile(text: text)
        for problem in file.problems { printError("\(path): \(problem)") }
        let summary = try await KnowledgeBaseSetup.run(options, command: "kb import", load: false) { knowledgeBase in
            try await KnowledgeBaseImporter(storage: knowledgeBase.storage, embedder: knowledgeBase.embedder)
                .importArticles(file.articles)
        }
        print("\(path): \(file.articles.count) articles read, \(file.problems.count) lines skipped; \(summary)")
        return file.problems.isEmpty ? ExitCode.success : ExitCode.failure
    }
}

/// `kb search`: JSON Lines questions in, the best passages out.
enum KnowledgeBaseSearchCommand: Subcommand {
    static let spec = CommandSpec(
        name: "kb search",
        summary: "Search the knowledge base: JSON Lines {\"id\",\"text\"} in, the best 5 passages out.",
        discussion: """
            Reads JSON Lines from the files named (or standard input): {"id": …, "text": "…"}, optional "language"
            (zh, en, mixed; default: detected). Writes one line per input: {"id", "results": [{"article_id",
            "passage", "score", "similarity"}]}, best first, one passage per article: dense retrieval with the
            encoder fused with BM25 by reciprocal rank, articles in the question's language first. A bad line
            gives {"id", "error"}; the rest go on.
            """,
        options: KnowledgeBaseSetup.options,
        positional: "FILE…")

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        try await KnowledgeBaseSetup.run(options, command: "kb search", load: true) { knowledgeBase in
            let summary = try await JSONLinesRunner.run(inputs: options.positional, concurrency: 8) { bytes in
                switch utf8Line(bytes, idKey: "id") {
                case .failure(let error): return (error.line, true)
                case .success(let line):
                    let output = await searchLine(line, knowledgeBase: knowledgeBase)
                    return (output, isErrorLine(output))
                }
            }
            return JSONLinesRunner.exitCode(summary, command: "kb search")
        }
    }

    static func searchLine(_ line: String, knowledgeBase: KnowledgeBase) async -> String {
        let fields: [String: JSONValue]
        switch JSONValue.objectMembers(line) {
        case .success(let members): fields = members
        case .failure(let problem): return JSONValue.object(["id": .null, "error": .string("line \(problem)")]).serialized()
        }
        let id = fields["id"] ?? .null
        guard let text = fields["text"]?.stringValue, !text.isEmpty else {
            return JSONValue.object(["id": id, "error": "missing or empty \"text\""]).serialized()
        }
        var language = detectLanguage(text)
        if let code = fields["language"]?.stringValue {
            guard let given = Language(rawValue: code) else {
                return JSONValue.object(["id": id, "error": "unknown language (zh, en or mixed)"]).serialized()
            }
            language = given
        }
        do {
            let results = try await knowledgeBase.search(text, language: language)
            return JSONValue.object([
                "id": id,
                "results": .array(results.map { result in
                    .object([
                        "article_id": .string(result.passage.articleID), "passage": .string(result.passage.text),
                        "score": .double((result.score * 10_000).rounded() / 10_000),
                        "similarity": .double((result.similarity * 10_000).rounded() / 10_000),
                    ])
                }),
            ]).serialized()
        } catch {
            return JSONValue.object(["id": id, "error": .string("search failed: \(error)")]).serialized()
        }
    }
}

/// `eval-kb`: retrieval figures on a question set.
enum EvalKnowledgeBaseCommand: Subcommand {
    static let spec = CommandSpec(
        name: "eval-kb",
        summary: "Score knowledge-base retrieval on a question set: recall@1, recall@5, MRR per language.",
        discussion: """
            Reads JSON Lines {"id", "text", "language", "gold": [article ids], "must_mention": […], "answerable"}
            (training/data/kb/questions.jsonl), searches each question in the knowledge base at --database-url
            (import the articles first with `kb import`), and prints recall@1 and @5 (a gold article first, or
            among the first five), the mean reciprocal rank and how often the first result is the gold article in
            the question's own language, overall and per language, with the best similarity of answerable and
            unanswerable questions. A malformed line stops the run with its line number.
            """,
        options: KnowledgeBaseSetup.options + [
            OptionSpec("questions", env: nil, kind: .value(placeholder: "FILE"), help: "The question set (JSON Lines)."),
            OptionSpec("misses", env: nil, kind: .value(placeholder: "FILE"), help: "Also write the questions whose first result is not gold, with the results, as JSON Lines."),
        ])

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let path = try options.required("questions")
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read --questions \(path)") }
        guard let text = String(bytes: data, encoding: .utf8) else { throw UsageError("--questions \(path) is not UTF-8 text") }
        let questions: [KnowledgeBaseQuestion]
        do {
            questions = try KnowledgeBaseQuestion.read(text)
        } catch {
            throw UsageError("--questions \(path): \(error)")
        }
        let evaluation = try await KnowledgeBaseSetup.run(options, command: "eval-kb", load: true) { knowledgeBase in
            guard knowledgeBase.passageCount > 0 else {
                throw UsageError("the knowledge base at --database-url is empty; run `support-worker kb import FILE` first")
            }
            print("\(path): \(questions.count) questions, \(knowledgeBase.articleCount) articles in \(knowledgeBase.passageCount) passages")
            return try await RetrievalEvaluation.run(questions, language: detectLanguage) { text, language in
                try await knowledgeBase.search(text, language: language)
            }
        }
        print(evaluation.report())
        if let missesPath = options.string("misses") {
            let lines = evaluation.misses.map { miss in
                JSONValue.object([
                    "id": .string(miss.question.id), "text": .string(miss.question.text),
                    "gold": .array(miss.question.gold.map(JSONValue.string)), "results": .array(miss.results.map(JSONValue.string)),
                ]).serialized()
            }
            guard FileManager.default.createFile(atPath: missesPath, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
                throw UsageError("cannot write --misses \(missesPath)")
            }
        }
        return ExitCode.success
    }
}

/// A question's language as the rules read it (Chinese when they cannot tell).
func detectLanguage(_ text: String) -> Language {
    (try? RuleBasedAnalyzer().analysis(of: text, context: AnalysisContext(referenceDay: CalendarDay.today())))?.language ?? .chinese
}
