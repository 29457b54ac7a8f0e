import { ApiFailure, api } from './client';
import type { paths } from './schema';

/** The API's paths that answer a file (spreadsheets, their printable PDFs, attachments). */
type FilePath = {
  [P in keyof paths]: P extends `${string}.xlsx` | `${string}.pdf` | `${string}/attachments/{attachmentId}` ? P : never;
}[keyof paths];

type GetParams<P extends FilePath> = paths[P]['get'] extends { parameters: infer Q } ? Q : never;

/**
 * Downloads a file the API serves behind sign-in (a plain link would not carry the token):
 * fetches it as a blob and hands it to the browser under the server's file name.
 */
export async function downloadFile<P extends FilePath>(path: P, params: GetParams<P>, fallbackName: string): Promise<void> {
  let response: Response;
  let blob: Blob | undefined;
  try {
    // The generated types know these paths; openapi-fetch parses the body as a blob here.
    const result = await (api.GET as (p: string, init: unknown) => Promise<{ data?: Blob; error?: { message?: string; code?: string }; response: Response }>)(path, {
      params,
      parseAs: 'blob',
    });
    response = result.response;
    blob = result.data;
    if (!response.ok) throw new ApiFailure(response.status, result.error?.code ?? `HTTP_${response.status}`, result.error?.message ?? `下载失败（${response.status}）`);
  } catch (err) {
    if (err instanceof ApiFailure) throw err;
    throw new ApiFailure(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const url = URL.createObjectURL(blob!);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response) ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The name in Content-Disposition (RFC 5987 filename* first: the names are Chinese). */
function fileNameOf(response: Response): string | undefined {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1];
}
