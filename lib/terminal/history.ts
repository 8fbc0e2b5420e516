/** Command history with Up/Down navigation (the line being typed is kept while browsing). */
export class History {
  private readonly items: string[];
  private index: number;
  private saved = "";

  constructor(
    initial: readonly string[],
    private readonly max: number,
    private readonly onChange?: (items: readonly string[]) => void,
  ) {
    this.items = [...initial];
    this.index = this.items.length;
  }

  get entries(): readonly string[] {
    return this.items;
  }

  /** Moves back (-1) or forward (+1) from `current`; undefined at either end. */
  step(dir: -1 | 1, current: string): string | undefined {
    const next = this.index + dir;
    if (next < 0 || next > this.items.length) return undefined;
    if (this.index === this.items.length) this.saved = current;
    this.index = next;
    return next === this.items.length ? this.saved : (this.items[next] as string);
  }

  /** Positions browsing at an entry (after a reverse search). */
  goTo(index: number): void {
    this.index = index;
  }

  /** Restarts browsing from the end (a new line). */
  reset(): void {
    this.index = this.items.length;
    this.saved = "";
  }

  /** Adds a run command (not repeating the last one) and reports the list. */
  add(text: string): void {
    if (this.items[this.items.length - 1] !== text) {
      this.items.push(text);
      if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
      this.onChange?.(this.items);
    }
    this.reset();
  }
}
