import type { LanguageServiceOptions, ServiceSettings } from './types';

/** What every format service receives from getLanguageService. */
export interface ServiceContext extends LanguageServiceOptions {
  settings: () => ServiceSettings;
}
