import { isAllowedUploadType } from './upload-type.util';

describe('isAllowedUploadType', () => {
  const allowed = ['image/*', 'application/pdf'];

  it('takes the listed types and families', () => {
    expect(isAllowedUploadType('image/png', allowed)).toBe(true);
    expect(isAllowedUploadType('image/jpeg; charset=binary', allowed)).toBe(true);
    expect(isAllowedUploadType('application/pdf', allowed)).toBe(true);
  });

  it('refuses what is not listed, and pages or scripts even when listed', () => {
    expect(isAllowedUploadType('application/zip', allowed)).toBe(false);
    expect(isAllowedUploadType('image/svg+xml', allowed)).toBe(false);
    expect(isAllowedUploadType('text/html', ['text/html', 'text/*'])).toBe(false);
    expect(isAllowedUploadType('', allowed)).toBe(false);
    expect(isAllowedUploadType('garbage', ['garbage'])).toBe(false);
  });
});
