/**
 * Terraform expressions as a syntax tree. hcl2json (and hand-written
 * `.tf.json`) give every expression as a string template (`"${var.x}"`,
 * `"web-${var.env}"`); this parser turns such a template into a tree the
 * evaluator walks. Every node keeps its source span so an unknown value can
 * name the expression that decided it.
 *
 * Anything this parser does not understand (template directives `%{…}`, a
 * syntax it does not know) throws `Unsupported`; the caller then keeps the
 * whole value unknown. Never a guess.
 */

export type Node =
  | { k: 'lit'; v: unknown; s: number; e: number }
  | { k: 'tpl'; parts: (string | Node)[]; s: number; e: number }
  | { k: 'root'; name: string; s: number; e: number }
  | { k: 'attr'; obj: Node; name: string; s: number; e: number }
  | { k: 'index'; obj: Node; key: Node; s: number; e: number }
  | { k: 'splat'; obj: Node; ops: SplatOp[]; s: number; e: number }
  | { k: 'call'; name: string; args: Node[]; expand: boolean; s: number; e: number }
  | { k: 'tuple'; items: Node[]; s: number; e: number }
  | { k: 'object'; items: [Node, Node][]; s: number; e: number }
  | {
      k: 'for';
      keyVar?: string;
      valVar: string;
      coll: Node;
      keyExpr?: Node;
      valExpr: Node;
      cond?: Node;
      group: boolean;
      s: number;
      e: number;
    }
  | { k: 'cond'; c: Node; t: Node; f: Node; s: number; e: number }
  | { k: 'bin'; op: string; l: Node; r: Node; s: number; e: number }
  | { k: 'un'; op: string; x: Node; s: number; e: number };

export type SplatOp = { attr: string } | { index: Node };

/** A construct the audit does not evaluate; the value stays unknown. */
export class Unsupported extends Error {}

const BINARY: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(what: string): never {
    throw new Unsupported(`${what} at offset ${this.pos} of ${JSON.stringify(this.src.slice(0, 80))}`);
  }

  ws(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && this.src[this.pos + 1] === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  peek(s: string): boolean {
    this.ws();
    return this.src.startsWith(s, this.pos);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  ident(): string {
    this.ws();
    const start = this.pos;
    if (!IDENT_START.test(this.src[this.pos] ?? '')) this.fail('expected a name');
    while (IDENT_PART.test(this.src[this.pos] ?? '')) this.pos++;
    return this.src.slice(start, this.pos);
  }

  expr(): Node {
    this.ws();
    const s = this.pos;
    const c = this.binary(0);
    if (this.eat('?')) {
      const t = this.expr();
      this.expect(':');
      const f = this.expr();
      return { k: 'cond', c, t, f, s, e: this.pos };
    }
    return c;
  }

  binary(level: number): Node {
    if (level === BINARY.length) return this.unary();
    this.ws();
    const s = this.pos;
    let l = this.binary(level + 1);
    for (;;) {
      this.ws();
      // `=>` and `==` share a start with `=`; `<=`/`>=` are checked before `<`/`>`.
      const op = BINARY[level].find((o) => this.src.startsWith(o, this.pos) && !(o === '=' && this.src[this.pos + 1] === '>'));
      if (!op) return l;
      this.pos += op.length;
      const r = this.binary(level + 1);
      l = { k: 'bin', op, l, r, s, e: this.pos };
    }
  }

  unary(): Node {
    this.ws();
    const s = this.pos;
    if (this.src[this.pos] === '!' || (this.src[this.pos] === '-' && !/\d/.test(this.src[this.pos + 1] ?? ''))) {
      const op = this.src[this.pos++];
      return { k: 'un', op, x: this.unary(), s, e: this.pos };
    }
    return this.postfix(this.primary());
  }

  postfix(node: Node): Node {
    const s = node.s;
    for (;;) {
      if (this.peek('.*') || this.peek('[*]')) {
        this.pos += this.src.startsWith('.*', this.pos) ? 2 : 3;
        const ops: SplatOp[] = [];
        for (;;) {
          if (this.peek('.') && !this.peek('..')) {
            this.pos++;
            ops.push({ attr: this.ident() });
          } else if (this.peek('[') && !this.peek('[*]')) {
            this.pos++;
            const key = this.expr();
            this.expect(']');
            ops.push({ index: key });
          } else break;
        }
        node = { k: 'splat', obj: node, ops, s, e: this.pos };
      } else if (this.peek('.')) {
        this.pos++;
        this.ws();
        if (/\d/.test(this.src[this.pos] ?? '')) {
          const start = this.pos;
          while (/\d/.test(this.src[this.pos] ?? '')) this.pos++;
          const key: Node = { k: 'lit', v: Number(this.src.slice(start, this.pos)), s: start, e: this.pos };
          node = { k: 'index', obj: node, key, s, e: this.pos };
        } else node = { k: 'attr', obj: node, name: this.ident(), s, e: this.pos };
      } else if (this.peek('[')) {
        this.pos++;
        const key = this.expr();
        this.expect(']');
        node = { k: 'index', obj: node, key, s, e: this.pos };
      } else return node;
    }
  }

  primary(): Node {
    this.ws();
    const s = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unexpected end');
    if (/[0-9]/.test(c) || (c === '-' && /\d/.test(this.src[this.pos + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      return { k: 'lit', v: Number(m[0]), s, e: this.pos };
    }
    if (c === '"') {
      this.pos++;
      const node = this.template('"');
      return { ...node, s };
    }
    if (this.src.startsWith('<<', this.pos)) this.fail('heredoc inside an expression');
    if (c === '(') {
      this.pos++;
      const inner = this.expr();
      this.expect(')');
      return { ...inner, s, e: this.pos };
    }
    if (c === '[') {
      this.pos++;
      if (this.peekFor()) return this.forExpr(s, false);
      const items: Node[] = [];
      while (!this.eat(']')) {
        items.push(this.expr());
        if (!this.eat(',')) {
          this.expect(']');
          break;
        }
      }
      return { k: 'tuple', items, s, e: this.pos };
    }
    if (c === '{') {
      this.pos++;
      if (this.peekFor()) return this.forExpr(s, true);
      const items: [Node, Node][] = [];
      while (!this.eat('}')) {
        const key = this.objectKey();
        if (!this.eat('=') && !this.eat(':')) this.fail('expected "=" in an object');
        items.push([key, this.expr()]);
        this.eat(',');
      }
      return { k: 'object', items, s, e: this.pos };
    }
    if (IDENT_START.test(c)) {
      const name = this.ident();
      if (name === 'true' || name === 'false') return { k: 'lit', v: name === 'true', s, e: this.pos };
      if (name === 'null') return { k: 'lit', v: null, s, e: this.pos };
      if (this.peek('::')) this.fail('provider-defined function');
      if (this.peek('(')) {
        this.pos++;
        const args: Node[] = [];
        let expand = false;
        while (!this.eat(')')) {
          args.push(this.expr());
          if (this.eat('...')) expand = true;
          if (!this.eat(',')) {
            this.expect(')');
            break;
          }
        }
        return { k: 'call', name, args, expand, s, e: this.pos };
      }
      return { k: 'root', name, s, e: this.pos };
    }
    this.fail(`unexpected "${c}"`);
  }

  /** An object key: a bare name is a literal string, anything else an expression. */
  objectKey(): Node {
    this.ws();
    const s = this.pos;
    if (IDENT_START.test(this.src[this.pos] ?? '')) {
      const save = this.pos;
      const name = this.ident();
      if (this.peek('=') && !this.peek('==')) return { k: 'lit', v: name, s, e: this.pos };
      if (this.peek(':')) return { k: 'lit', v: name, s, e: this.pos };
      this.pos = save;
    }
    return this.expr();
  }

  peekFor(): boolean {
    this.ws();
    return /^for\s/.test(this.src.slice(this.pos, this.pos + 4));
  }

  forExpr(s: number, isObject: boolean): Node {
    this.expect('for');
    let keyVar: string | undefined;
    let valVar = this.ident();
    if (this.eat(',')) {
      keyVar = valVar;
      valVar = this.ident();
    }
    this.expect('in');
    const coll = this.expr();
    this.expect(':');
    let keyExpr: Node | undefined;
    let valExpr = this.expr();
    if (isObject) {
      this.expect('=>');
      keyExpr = valExpr;
      valExpr = this.expr();
    }
    const group = this.eat('...');
    const cond = this.eat('if') ? this.expr() : undefined;
    this.expect(isObject ? '}' : ']');
    return { k: 'for', keyVar, valVar, coll, keyExpr, valExpr, cond, group, s, e: this.pos };
  }

  /**
   * Template text up to `close` (`"` inside an expression, end of text for a
   * top-level value). Quoted strings process HCL escapes; `$${` and `%%{` are
   * literal in both.
   */
  template(close: '"' | ''): Node & { k: 'tpl' } {
    const s = this.pos;
    const parts: (string | Node)[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        if (close) this.fail('unterminated string');
        break;
      }
      const c = this.src[this.pos];
      if (close && c === close) {
        this.pos++;
        break;
      }
      if (c === '$' && this.src[this.pos + 1] === '$' && this.src[this.pos + 2] === '{') {
        text += '${';
        this.pos += 3;
      } else if (c === '%' && this.src[this.pos + 1] === '%' && this.src[this.pos + 2] === '{') {
        text += '%{';
        this.pos += 3;
      } else if (c === '$' && this.src[this.pos + 1] === '{') {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        this.eat('~');
        parts.push(this.expr());
        this.eat('~');
        this.expect('}');
      } else if (c === '%' && this.src[this.pos + 1] === '{') {
        this.fail('template directive');
      } else if (close && c === '\\') {
        const n = this.src[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (n in simple) {
          text += simple[n];
          this.pos += 2;
        } else if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          const hex = this.src.slice(this.pos + 2, this.pos + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('bad escape');
          text += String.fromCodePoint(parseInt(hex, 16));
          this.pos += 2 + len;
        } else this.fail('bad escape');
      } else {
        text += c;
        this.pos++;
      }
    }
    if (text || parts.length === 0) parts.push(text);
    return { k: 'tpl', parts, s, e: this.pos };
  }
}

const cache = new Map<string, Node>();

/**
 * A top-level string value (HCL JSON semantics: a template). `"${x}"` alone is
 * the expression `x` itself (its value keeps its type); other text becomes a
 * string template. Throws `Unsupported`.
 */
export function parseTemplate(text: string): Node {
  const hit = cache.get(text);
  if (hit) return hit;
  const p = new Parser(text);
  let node: Node;
  try {
    node = p.template('');
  } catch (err) {
    // Nesting deep enough to exhaust the stack is not an expression anyone evaluates by hand either.
    if (err instanceof RangeError) throw new Unsupported('nested too deeply');
    throw err;
  }
  if (node.k === 'tpl' && node.parts.length === 1 && typeof node.parts[0] !== 'string') node = node.parts[0];
  if (cache.size > 50_000) cache.clear();
  cache.set(text, node);
  return node;
}

/** A bare expression (a `--var` value, a `type` constraint). Throws `Unsupported`. */
export function parseExpression(text: string): Node {
  const p = new Parser(text);
  const node = p.expr();
  p.ws();
  if (p.pos !== text.length) p.fail('trailing text');
  return node;
}
