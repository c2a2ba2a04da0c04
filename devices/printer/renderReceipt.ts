/**
 * Receipt data → ESC/POS bytes for an 80 mm (48 columns) or 58 mm (32 columns) printer.
 * Every text field is checked against the printer's printable set first; one bad character
 * anywhere refuses the whole receipt with the list of offending characters and their positions.
 * Runtime: plain Node (iconv-lite).
 */
import { maskPersonalDataInText } from '../../contract/privacy.ts';
import type { QrOptions } from './escposCommands.ts';
import { DEFAULT_PRINTABLE_SET, EscPosEncoder, type EncodeResult } from './escposEncoder.ts';
import { describeUnprintable, encodePrintableText, type PrintableSet, type UnprintableChar } from './printableText.ts';
import { isPersonalValue, type Receipt, type ReceiptLine } from './receipt.ts';
import { displayWidth } from './printableText.ts';
import { padEndColumns, wrapText } from './textLayout.ts';

export interface RenderOptions {
  /** Columns of normal-size ASCII per line: 48 on 80 mm paper (font A, 576 dots), 32 on 58 mm. */
  widthChars: 32 | 42 | 48;
  printable?: PrintableSet;
  qr?: QrOptions;
}

/** Columns between a field's label and its value when both fit on one line. */
const FIELD_GAP = 2;
/** Indent of a field value wrapped under its label. */
const VALUE_INDENT = '  ';

export function renderReceipt(receipt: Receipt, options: RenderOptions): EncodeResult {
  const printable = options.printable ?? DEFAULT_PRINTABLE_SET;
  const width = options.widthChars;
  const texts = printedTexts(receipt);

  const problems: UnprintableChar[] = [];
  for (const { field, text } of texts.all) {
    const encoded = encodePrintableText(text, printable, field);
    if (!encoded.ok) problems.push(...encoded.unprintable);
  }
  if (problems.length > 0) {
    return {
      ok: false,
      error: {
        code: 'UNPRINTABLE_TEXT',
        message: describeUnprintable(problems),
        field: problems[0]?.field ?? 'text',
        characters: problems,
      },
    };
  }

  const enc = new EscPosEncoder(printable).initialize();
  enc.align('center').bold(true).size(2, 2);
  for (const part of wrapText(texts.title, Math.floor(width / 2))) enc.line(part, 'title');
  enc.size(1, 1).bold(false);
  if (texts.subtitle !== undefined) for (const part of wrapText(texts.subtitle, width)) enc.line(part, 'subtitle');
  enc.align('left').line(rule('-', width));

  receipt.lines.forEach((line, index) => renderLine(enc, line, texts.lines[index] ?? [], width, `lines.${index}`));

  if (receipt.qr !== undefined) {
    enc.align('center').newline().qr(receipt.qr.payload, options.qr);
    if (texts.qrCaption !== undefined) for (const part of wrapText(texts.qrCaption, width)) enc.line(part, 'qr.caption');
    enc.align('left');
  }
  if (texts.footer.length > 0) {
    enc.align('center');
    texts.footer.forEach((text, i) => {
      for (const part of wrapText(text, width)) enc.line(part, `footer.${i}`);
    });
    enc.align('left');
  }
  return enc.cut('partial').encode();
}

function renderLine(enc: EscPosEncoder, line: ReceiptLine, texts: readonly string[], width: number, field: string): void {
  switch (line.kind) {
    case 'field': {
      const [label = '', value = ''] = texts;
      const oneLine = displayWidth(label) + FIELD_GAP + displayWidth(value);
      if (oneLine <= width) {
        enc.line(padEndColumns(label, width - displayWidth(value)) + value, field);
        return;
      }
      for (const part of wrapText(label, width)) enc.line(part, `${field}.label`);
      for (const part of wrapText(value, width - VALUE_INDENT.length)) enc.line(VALUE_INDENT + part, `${field}.value`);
      return;
    }
    case 'text': {
      enc.align(line.align ?? 'left');
      for (const part of wrapText(texts[0] ?? '', width)) enc.line(part, `${field}.text`);
      enc.align('left');
      return;
    }
    case 'emphasis': {
      const large = line.large === true;
      enc.align(line.align ?? (large ? 'center' : 'left')).bold(true);
      if (large) enc.size(2, 2);
      for (const part of wrapText(texts[0] ?? '', large ? Math.floor(width / 2) : width)) enc.line(part, `${field}.text`);
      if (large) enc.size(1, 1);
      enc.bold(false).align('left');
      return;
    }
    case 'separator':
      enc.line(rule(line.char ?? '-', width));
      return;
    case 'blank':
      enc.newline();
      return;
  }
}

function rule(char: string, width: number): string {
  return char.repeat(width);
}

interface PrintedTexts {
  title: string;
  subtitle: string | undefined;
  /** Per receipt line: [label, value] for fields, [text] for text lines, [] otherwise. */
  lines: string[][];
  qrCaption: string | undefined;
  footer: string[];
  /** Everything above with its field name, for the printable check. */
  all: { field: string; text: string }[];
}

/** The strings that will be printed, after masking: exactly what the printable check sees. */
function printedTexts(receipt: Receipt): PrintedTexts {
  const all: { field: string; text: string }[] = [];
  const take = (field: string, text: string): string => {
    const safe = maskPersonalDataInText(text);
    all.push({ field, text: safe });
    return safe;
  };
  const title = take('title', receipt.title);
  const subtitle = receipt.subtitle === undefined ? undefined : take('subtitle', receipt.subtitle);
  const lines = receipt.lines.map((line, i): string[] => {
    switch (line.kind) {
      case 'field': {
        const value = isPersonalValue(line.value) ? line.value.masked : line.value;
        return [take(`lines.${i}.label`, line.label), take(`lines.${i}.value`, value)];
      }
      case 'text':
      case 'emphasis':
        return [take(`lines.${i}.text`, line.text)];
      default:
        return [];
    }
  });
  const qrCaption = receipt.qr?.caption === undefined ? undefined : take('qr.caption', receipt.qr.caption);
  const footer = (receipt.footer ?? []).map((text, i) => take(`footer.${i}`, text));
  return { title, subtitle, lines, qrCaption, footer, all };
}
