/**
 * An input's text handed over to the validator, which lets go of it once it is parsed: when nothing else
 * holds the text (the caller keeps only this), a large file's text is freed while its value is validated.
 */
export class TextInput {
  private text: string | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The text, once: the input holds it no more. */
  take(): string {
    const text = this.text;
    if (text === undefined) throw new Error('TextInput: the text was already taken (an input is validated once)');
    this.text = undefined;
    return text;
  }
}
