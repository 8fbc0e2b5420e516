/** The parsed form of a shell line: lists of pipelines of simple commands (bash grammar, the lab's subset). */

/** One piece of a word: literal text, or a `$VAR` expanded when the command runs (unquoted ones are split). */
export type WordPart =
  | { readonly kind: "lit"; readonly text: string; readonly quoted: boolean }
  | { readonly kind: "var"; readonly name: string; readonly quoted: boolean };

export interface Word {
  readonly parts: readonly WordPart[];
  /** Offset of the word in the source text (for completion and error messages). */
  readonly start: number;
  readonly end: number;
}

export type Redirect =
  | { readonly kind: "out"; readonly fd: 1 | 2 | "both"; readonly append: boolean; readonly target: Word }
  | { readonly kind: "dup"; readonly fd: 1 | 2; readonly to: 1 | 2 }
  | { readonly kind: "in"; readonly target: Word }
  | {
      readonly kind: "heredoc";
      readonly delimiter: string;
      readonly quoted: boolean;
      readonly stripTabs: boolean;
      body: string | undefined;
    };

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly assignments: readonly { readonly name: string; readonly value: Word }[];
  readonly redirects: readonly Redirect[];
}

export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
}

/** `op` joins this pipeline to the previous one. */
export interface ListItem {
  readonly op: ";" | "&&" | "||";
  readonly pipeline: Pipeline;
}

export type ParseResult =
  | { readonly kind: "ok"; readonly items: readonly ListItem[] }
  /** The text is not finished: an open quote, a heredoc without its terminator, a trailing `|`, `&&` or `\`. */
  | {
      readonly kind: "incomplete";
      readonly reason: "quote" | "heredoc" | "continuation";
      readonly quote?: string;
      readonly delimiter?: string;
    }
  | { readonly kind: "error"; readonly message: string };
