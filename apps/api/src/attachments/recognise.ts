import { fileTypeFromBuffer } from 'file-type';
import { type AttachmentKind, attachmentKind } from '../../../../libs/domain/src';

/**
 * What an uploaded file is, judged by its bytes: `file-type` reads the
 * signature (and for ZIP-based Office files the entries inside, for PNG its
 * chunks), and the domain rule checks that the name's extension agrees with it
 * and is one of the allowed kinds. The declared content type plays no part.
 */
export async function recogniseAttachment(filename: string, bytes: Uint8Array): Promise<{ kind: AttachmentKind } | { refused: string }> {
  const detected = await fileTypeFromBuffer(bytes);
  return attachmentKind(filename, detected?.ext);
}
