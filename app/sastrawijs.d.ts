// sastrawijs ships types its package.json "exports" map does not point to; these are the parts we use.
declare module 'sastrawijs' {
  export class Stemmer {
    constructor(dictionary?: string[])
    stem(word: string): string
  }
  export class Tokenizer {
    tokenize(sentence: string): string[]
  }
}
