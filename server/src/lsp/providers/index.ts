import type { Provider } from '../providerContext';
import { codeActionProvider } from './codeActions';
import { codeLensProvider } from './codeLens';
import { completionProvider } from './completion';
import { debugMemoryProvider } from './debugMemory';
import { diagnosticsProvider } from './diagnostics';
import { documentLinkProvider } from './documentLinks';
import { documentSymbolProvider } from './documentSymbols';
import { forgetProvider } from './forget';
import { foldingProvider } from './folding';
import { hoverProvider } from './hover';
import { targetMajorProvider } from './targetMajor';
import { topologyProvider } from './topology';

/** Every LSP feature the server implements; capabilities are derived from this list. */
export const providers: Provider[] = [
  diagnosticsProvider,
  completionProvider,
  hoverProvider,
  codeActionProvider,
  documentSymbolProvider,
  foldingProvider,
  documentLinkProvider,
  codeLensProvider,
  topologyProvider,
  targetMajorProvider,
  forgetProvider,
  debugMemoryProvider,
];
