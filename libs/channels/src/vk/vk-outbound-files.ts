import type { OutboundFile } from '../channel-adapter';
import { VkApi, VkUploadError } from './vk-api';

/** VK shows JPG, PNG and GIF up to 50 MB as photos in a message; everything else (and larger images) goes as a document. */
const PHOTO_TYPES = /^image\/(jpeg|png|gif)$/;
export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;
/** VK's limit for one document. */
export const MAX_DOC_BYTES = 200 * 1024 * 1024;
/** VK takes at most 10 attachments in one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

interface SavedMedia {
  id: number;
  owner_id: number;
  access_key?: string;
}

/**
 * Uploads one file an agent attached, for a message to this peer, the way VK takes message files: ask for an upload
 * server, post the file there, save it; returns the attachment string for messages.send (`photo-1_2`, `doc-1_3`).
 */
export async function uploadForMessage(api: VkApi, peerId: string, file: OutboundFile): Promise<string> {
  if (file.data.length > MAX_DOC_BYTES) throw new VkUploadError(`${file.name} is over VK's 200 MB limit for a file`);
  if (PHOTO_TYPES.test(file.contentType) && file.data.length <= MAX_PHOTO_BYTES) {
    const server = await api.call<{ upload_url: string }>('photos.getMessagesUploadServer', { peer_id: peerId });
    const uploaded = await api.upload(server.upload_url, 'photo', file);
    const [photo] = await api.call<SavedMedia[]>('photos.saveMessagesPhoto', { server: String(uploaded.server), photo: String(uploaded.photo), hash: String(uploaded.hash) });
    return attachmentOf('photo', photo);
  }
  const server = await api.call<{ upload_url: string }>('docs.getMessagesUploadServer', { type: 'doc', peer_id: peerId });
  const uploaded = await api.upload(server.upload_url, 'file', file);
  const saved = await api.call<{ doc: SavedMedia }>('docs.save', { file: String(uploaded.file), title: file.name });
  return attachmentOf('doc', saved.doc);
}

function attachmentOf(type: string, media: SavedMedia): string {
  return `${type}${media.owner_id}_${media.id}${media.access_key ? `_${media.access_key}` : ''}`;
}
