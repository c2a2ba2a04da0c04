/** Public surface of the ID-card reader: driver, presence loop, codec, card model, simulator. */
export { IdCardReader, DEFAULT_TIMEOUTS, type CardReading, type IdCardReaderOptions, type IdCardTimeouts } from './idCardReader.ts';
export { CardPresenceLoop, type CardPresenceOptions, type IdCardEvent, type PresenceState, type CardErrorPhase } from './cardPresenceLoop.ts';
export { maskedCard, maskedCardLabel, isCardExpired, type MaskedCard } from './maskedCard.ts';
export { OpaqueBytes, noPhotoDecoder, type PhotoDecoder, type DecodedPhoto } from './photo.ts';
export {
  decodeTextBlock,
  encodeTextBlock,
  cardHolderName,
  cardNumber,
  CARD_TYPE_LABELS,
  SEX_LABELS,
  type IdCard,
  type IdCardType,
  type ResidentIdCard,
  type ResidencePermitCard,
  type ForeignPermanentResidentCard2017,
  type ForeignPermanentResidentCard2023,
  type Sex,
  type ValidTo,
} from './textBlock.ts';
export { isValidMod11_2Number, isValidForeignPermitNumber15, mod11_2CheckChar } from './idNumber.ts';
export { NATIONS, nationLabel } from './nations.ts';
export {
  SAM_STATUS_TABLE,
  samStatusInfo,
  errorForStatus,
  toKioskError,
  type IdCardError,
  type IdCardErrorKind,
  type IdCardResult,
  type SamStatusInfo,
} from './samStatus.ts';
export { SAM_COMMANDS, encodeSamRequest, encodeSamResponse, encodeSamFrame, xorChecksum, type SamCommandName } from './samProtocol.ts';
export { SamResponseDecoder, SamRequestDecoder, type SamResponseFrame, type SamRequestFrame } from './samFrameDecoder.ts';
export { describeRequest, describeResponse, describeSkipped, type SamFrameLogEntry, type SamFrameLogObserver } from './samFrameLog.ts';
export { IdCardReaderSimulator, type SimulatorFault, type FaultOptions, type IdCardReaderSimulatorOptions } from './simulator/idCardReaderSimulator.ts';
export { SIMULATED_ID_CARDS, simulatedCardMenu, simulatedCardSource, syntheticWltPhoto, type SimulatedIdCard } from './simulator/simulatedCards.ts';
export { measureDecodeThroughput } from './benchmark.ts';
