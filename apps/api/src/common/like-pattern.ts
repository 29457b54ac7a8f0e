/** Text taken literally in a LIKE pattern: its `\`, `%` and `_` escaped (PostgreSQL's default escape is `\`). */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** A LIKE pattern matching any text that contains `text`, as typed in a search box. */
export const containing = (text: string): string => `%${likeLiteral(text)}%`;
