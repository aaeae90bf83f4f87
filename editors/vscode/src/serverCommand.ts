import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

/** How the server will be started, and where that choice came from (for the log). */
export interface ServerCommand {
  command: string;
  args: string[];
  source: string;
}

/** The parts of the ms-python.python API we use; everything is optional because it varies by version. */
interface PythonExtensionApi {
  ready?: Thenable<void>;
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(
      env: { id: string; path: string },
    ): Thenable<{ executable?: { uri?: vscode.Uri } } | undefined>;
  };
  settings?: {
    getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined };
  };
}

const SERVER_ARGS = ['-m', 'nianbao', 'lsp'];

/**
 * Resolves the server command, in order: `nianbao.server.command`,
 * `nianbao.python.interpreter`, the Python extension's interpreter (only if it
 * has nianbao installed), then `nianbao lsp` on PATH.
 */
export async function resolveServerCommand(log: vscode.LogOutputChannel): Promise<ServerCommand> {
  const config = vscode.workspace.getConfiguration('nianbao');

  const full = nonEmpty(config.get<string[]>('server.command', []));
  if (full.length > 0) {
    return { command: full[0], args: full.slice(1), source: 'nianbao.server.command' };
  }

  const interpreter = config.get<string>('python.interpreter', '').trim();
  if (interpreter) {
    return { command: interpreter, args: SERVER_ARGS, source: 'nianbao.python.interpreter' };
  }

  const python = await pythonExtensionInterpreter(log);
  if (python) {
    if (await hasNianbao(python)) {
      return { command: python[0], args: [...python.slice(1), ...SERVER_ARGS], source: 'Python extension' };
    }
    log.info(`nianbao is not installed for ${python.join(' ')}; falling back to "nianbao" on PATH.`);
  }

  return { command: 'nianbao', args: ['lsp'], source: 'PATH' };
}

function nonEmpty(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((v) => v.trim()).filter((v) => v.length > 0);
}

/** The interpreter selected in the Python extension, if that extension is installed and answers. */
async function pythonExtensionInterpreter(log: vscode.LogOutputChannel): Promise<string[] | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    await api?.ready;
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;

    const envPath = api?.environments?.getActiveEnvironmentPath(resource);
    if (envPath) {
      const env = await api?.environments?.resolveEnvironment(envPath);
      const executable = env?.executable?.uri?.fsPath;
      if (executable) {
        return [executable];
      }
    }

    // Older versions of the Python extension only have the settings API.
    const execCommand = nonEmpty(api?.settings?.getExecutionDetails(resource)?.execCommand);
    return execCommand.length > 0 ? execCommand : undefined;
  } catch (error) {
    log.warn(`Could not get the interpreter from the Python extension: ${String(error)}`);
    return undefined;
  }
}

/** True if `python` can import nianbao; find_spec avoids importing the package itself. */
function hasNianbao(python: string[]): Promise<boolean> {
  const check = 'import importlib.util, sys; sys.exit(importlib.util.find_spec("nianbao") is None)';
  return new Promise((resolve) => {
    execFile(python[0], [...python.slice(1), '-c', check], { timeout: 15_000 }, (error) => resolve(!error));
  });
}
