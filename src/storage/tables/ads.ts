/** A banner's image, stored by the network and served from it (`/banners/{adId}`). */
export interface AdImagesTable {
  ad_id: string;
  /** image/png, image/jpeg, image/gif or image/webp: told by the bytes, not by the sender. */
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: number;
}
