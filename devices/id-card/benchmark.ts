/**
 * Decode throughput of the SAM codec for the lead's benchmark table (not a test): a full
 * text+photo reply (1295 B) pushed through the framer, the frame decoded into blocks and the text
 * block into a validated card, `frames` times.
 * Runtime: plain Node.
 */
import { Framer } from '../core/framer.ts';
import { SamResponseDecoder } from './samFrameDecoder.ts';
import { decodeCardDataBlocks, encodeCardDataBlocks, encodeSamResponse } from './samProtocol.ts';
import { SW3_SUCCESS } from './samStatus.ts';
import { SIMULATED_ID_CARDS } from './simulator/simulatedCards.ts';
import { decodeTextBlock } from './textBlock.ts';

export function measureDecodeThroughput(frames: number): { framesPerSecond: number; bytesPerSecond: number; frameBytes: number } {
  const card = SIMULATED_ID_CARDS[0];
  if (card === undefined) throw new Error('no simulated card');
  const frame = encodeSamResponse(SW3_SUCCESS, encodeCardDataBlocks({ text: card.textBlock, photo: card.photo }));
  const framer = new Framer(new SamResponseDecoder());
  let decoded = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < frames; i++) {
    for (const f of framer.push(frame).frames) {
      const blocks = decodeCardDataBlocks(f.data, false);
      if ('text' in blocks && decodeTextBlock(blocks.text).ok) decoded++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (decoded !== frames) throw new Error(`decoded ${decoded} of ${frames} frames`);
  const framesPerSecond = Math.round(frames / seconds);
  return { framesPerSecond, bytesPerSecond: framesPerSecond * frame.length, frameBytes: frame.length };
}
