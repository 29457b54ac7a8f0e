import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { forbidden } from '../common/api-error';
import { NominationsService } from '../nominations/nominations.service';
import type { UploadedFile } from './accepted-file';
import { NOMINATION_ATTACHMENTS, closedRefusal } from './attachment-owner';
import { type AttachmentActor, AttachmentRows, type AttachmentSummary, type DownloadedAttachment } from './attachment-rows';

export { cleanFilename, type UploadedFile } from './accepted-file';

/**
 * Attachments of a nomination (附件3's deeds material, photos, scans). The
 * branch's submitter adds and removes them while the nomination is under
 * review or returned; whoever may see the nomination may list and download.
 * The rows themselves are AttachmentRows' business.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly rows: AttachmentRows,
    private readonly nominations: NominationsService,
  ) {}

  /** 404 when the caller cannot see the nomination, 403 when not its branch's submitter, 409 once its review is over. */
  private async acting(p: Principal, id: string): Promise<AttachmentActor> {
    const nomination = await this.nominations.visible(p, id);
    const grant = p.grantCovering('submitter', nomination.branchPath);
    if (!grant) throw forbidden('只有该党支部的申报人可以上传或删除附件');
    if (!NOMINATION_ATTACHMENTS.editable(nomination.status)) throw closedRefusal(NOMINATION_ATTACHMENTS);
    return { principal: p, grant };
  }

  async upload(p: Principal, id: string, file: UploadedFile | undefined) {
    return this.rows.add(NOMINATION_ATTACHMENTS, id, await this.acting(p, id), file);
  }

  async list(p: Principal, id: string): Promise<AttachmentSummary[]> {
    await this.nominations.visible(p, id);
    return this.rows.list(NOMINATION_ATTACHMENTS, id);
  }

  async download(p: Principal, id: string, attachmentId: string): Promise<DownloadedAttachment> {
    await this.nominations.visible(p, id);
    return this.rows.read(NOMINATION_ATTACHMENTS, id, attachmentId);
  }

  async remove(p: Principal, id: string, attachmentId: string): Promise<void> {
    await this.rows.remove(NOMINATION_ATTACHMENTS, id, await this.acting(p, id), attachmentId);
  }
}
