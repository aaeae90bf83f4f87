import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { resolveServerCommand, ServerCommand } from './serverCommand';

/**
 * A LanguageClient that stays quiet while it starts: if the server cannot
 * start, the library would pop up generic errors (some of them forced), and
 * a server that dies during startup would be restarted in vain. The extension
 * reports that case itself, once, with install hints.
 */
class NianbaoLanguageClient extends LanguageClient {
  starting = false;

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.starting ? false : showNotification);
  }

  override createDefaultErrorHandler(maxRestartCount?: number): ErrorHandler {
    const base = super.createDefaultErrorHandler(maxRestartCount);
    return {
      error: (error, message, count) => base.error(error, message, count),
      closed: () =>
        this.state === State.Running ? base.closed() : { action: CloseAction.DoNotRestart, handled: true },
    };
  }
}

let log: vscode.LogOutputChannel;
let client: NianbaoLanguageClient | undefined;
// Start, stop and restart run one at a time, so a restart command and a settings change cannot race.
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  log = vscode.window.createOutputChannel('nianbao', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('nianbao.restartServer', () => enqueue(restart)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Other nianbao settings reach the running server through workspace/configuration.
      if (
        event.affectsConfiguration('nianbao.server.command') ||
        event.affectsConfiguration('nianbao.python.interpreter')
      ) {
        void enqueue(restart);
      }
    }),
  );
  void enqueue(start);
}

export function deactivate(): Thenable<void> {
  return enqueue(stop);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task).catch((error: unknown) => log.error(`nianbao: ${String(error)}`));
  return queue;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function start(): Promise<void> {
  const server = await resolveServerCommand(log);
  log.info(`Starting the server (from ${server.source}): ${commandLine(server)}`);

  // No `transport` on purpose: TransportKind.stdio would append `--stdio` to the arguments.
  const serverOptions: ServerOptions = { command: server.command, args: server.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['plaintext', 'markdown', 'html'].flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: 'nianbao' },
    outputChannel: log,
    // Do not retry a failed initialize; start() then rejects and we report it.
    initializationFailedHandler: () => false,
  };

  const next = new NianbaoLanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
  next.starting = true;
  try {
    await next.start();
    client = next;
    log.info('The server is running.');
  } catch (error) {
    log.error(`Could not start the server: ${String(error)}`);
    await next.dispose().catch(() => undefined);
    showStartError(server);
  } finally {
    next.starting = false;
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.dispose();
    } catch (error) {
      log.warn(`Could not stop the server cleanly: ${String(error)}`);
    }
  }
}

/** Where the Python package comes from: it is not published on PyPI. */
const REPOSITORY = 'https://github.com/nianbao/nianbao.git';

function showStartError(server: ServerCommand): void {
  const openSettings = '打开设置 (Open Settings)';
  const showOutput = '查看输出 (Show Output)';
  const message =
    `无法启动 nianbao 语言服务器（${commandLine(server)}）。请安装 nianbao（\`pip install 'git+${REPOSITORY}'\`，或在仓库副本中 \`pip install .\`），` +
    '或在设置 `nianbao.python.interpreter` 中指定已安装 nianbao 的 Python 解释器。' +
    `(Could not start the nianbao language server (${commandLine(server)}). Install nianbao ` +
    `(\`pip install 'git+${REPOSITORY}'\`, or \`pip install .\` in a clone of the repository), ` +
    'or set `nianbao.python.interpreter` to a Python interpreter that has nianbao installed.)';
  void vscode.window.showErrorMessage(message, openSettings, showOutput).then((choice) => {
    if (choice === openSettings) {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao');
    } else if (choice === showOutput) {
      log.show();
    }
  });
}

function commandLine(server: ServerCommand): string {
  return [server.command, ...server.args].join(' ');
}
