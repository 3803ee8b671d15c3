/**
 * Format-specific extras beyond the common features: a format lists the ones it offers in its descriptor
 * (`capabilities`), its service implements them (the descriptor's type checks that), and callers reach them
 * through LanguageService.capability — no switch on format ids anywhere.
 * A new extra is one more member here; a new format offering an existing extra touches nothing here.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Topology } from '../../core/model/topology';
import type { Major } from '../catalog/types';

export interface TargetMajor {
  major: Major;
  /** Why: shown in the status bar tooltip and the CLI. */
  source: string;
}

export interface Capabilities {
  /** The cluster model a document describes (compose), or null when it describes none. */
  getTopology(doc: TextDocument): Topology | null;
  /** The PostgreSQL major the document is checked against, and why (postgresql.conf). */
  getTargetMajor(doc: TextDocument): TargetMajor;
}

export type CapabilityName = keyof Capabilities;
