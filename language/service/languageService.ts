import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAJOR } from '../catalog/types';
import { formatById, formatOf } from '../formats/registry';
import type { FormatDescriptor } from '../formats/types';
import type { CapabilityName, Capabilities } from './capabilities';
import type { ServiceContext } from './context';
import { emptyService } from './emptyService';
import { oneStep } from './steps';
import type { DocumentService, LanguageService, LanguageServiceOptions } from './types';

type AnyFormatService = DocumentService & Partial<Capabilities>;

/**
 * The pure language service: every feature of every registered format, over TextDocuments.
 * The LSP layer, the CLI and the tests all go through here. Each format's service is built on first use and
 * keeps one parse per document version, shared by all its features.
 */
export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const context: ServiceContext = { ...options, settings: options.settings ?? (() => ({ defaultMajor: DEFAULT_MAJOR })) };
  const services = new Map<string, AnyFormatService>();
  const serviceOf = (format: FormatDescriptor): AnyFormatService => {
    let service = services.get(format.id);
    if (!service) services.set(format.id, (service = format.createService(context)));
    return service;
  };
  const forFormat = (id: string) => {
    const format = formatById(id);
    return format && serviceOf(format);
  };
  const routed = (doc: TextDocument) => {
    const format = formatOf(doc);
    return { format, service: format ? serviceOf(format) : emptyService };
  };
  const serviceFor = (doc: TextDocument): DocumentService => routed(doc).service;
  const capability = <K extends CapabilityName>(doc: TextDocument, name: K): Capabilities[K] | undefined => {
    const { format, service } = routed(doc);
    if (!format || !(format.capabilities as readonly string[]).includes(name)) return undefined;
    return (service as Partial<Capabilities>)[name]?.bind(service) as Capabilities[K] | undefined;
  };

  return {
    formatOf,
    forFormat,
    capability,
    getDiagnostics: (doc) => serviceFor(doc).getDiagnostics(doc),
    getCompletions: (doc, pos) => serviceFor(doc).getCompletions(doc, pos),
    // Each format writes its id into the data resolve needs (`data.format`, on the items or the list's itemDefaults).
    resolveCompletion: (item) => {
      const id = (item.data as { format?: unknown } | undefined)?.format;
      const service = typeof id === 'string' ? forFormat(id) : undefined;
      return service ? service.resolveCompletion(item) : item;
    },
    getHover: (doc, pos) => serviceFor(doc).getHover(doc, pos),
    getCodeActions: (doc, range, ctx) => serviceFor(doc).getCodeActions(doc, range, ctx),
    getDocumentSymbols: (doc) => serviceFor(doc).getDocumentSymbols(doc),
    getFoldingRanges: (doc) => serviceFor(doc).getFoldingRanges(doc),
    getDocumentLinks: (doc) => serviceFor(doc).getDocumentLinks(doc),
    getCodeLenses: (doc) => serviceFor(doc).getCodeLenses(doc),
    forget: (uri) => services.forEach((service) => service.forget?.(uri)),
    getDiagnosticSteps: (doc) => {
      const service = serviceFor(doc);
      return service.getDiagnosticSteps?.(doc) ?? oneStep(() => service.getDiagnostics(doc));
    },
    getTopology: (doc) => capability(doc, 'getTopology')?.(doc) ?? null,
    getTargetMajor: (doc) => capability(doc, 'getTargetMajor')?.(doc) ?? null,
  };
}

