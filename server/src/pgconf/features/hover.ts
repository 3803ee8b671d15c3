import type { Hover, Position } from 'vscode-languageserver-types';
import type { PgconfFeatureInput } from './input';

export function pgconfHover(_input: PgconfFeatureInput, _position: Position): Hover | null {
  return null;
}
