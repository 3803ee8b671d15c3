"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.uncommentSample = uncommentSample;
/** Every commented-out `#name = value` line of a postgresql.conf.sample, uncommented (include directives stay comments). */
function uncommentSample(text) {
    return text
        .split('\n')
        .map((line) => {
        const match = /^#([a-z_][a-z0-9_]*\s*=.*)$/.exec(line);
        return match && !/^include(_dir|_if_exists)?\b/.test(match[1]) ? match[1] : line;
    })
        .join('\n');
}
//# sourceMappingURL=sample.js.map