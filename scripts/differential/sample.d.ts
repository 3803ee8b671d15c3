/** Every commented-out `#name = value` line of a postgresql.conf.sample, uncommented (include directives stay comments). */
export declare function uncommentSample(text: string): string;
