// support-worker: the AI after-sales support worker and its tools.
import SupportTools
import SupportDatabase
import SupportPipeline
import Foundation

let exitCode = await SupportWorkerCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
exit(exitCode)
