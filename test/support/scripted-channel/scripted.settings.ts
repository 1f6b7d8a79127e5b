import { z } from 'zod';
import { field, settingsObject, settingsValidator } from '@app/platform/config';

export const scriptedSettingsSchema = settingsObject('a scripted channel', {
  /** Sent by the peer in X-Scripted-Secret with every webhook. */
  secret: field.text(undefined, 'scripted-secret'),
});

export type ScriptedSettings = z.output<typeof scriptedSettingsSchema>;

export const validateScriptedSettings = settingsValidator(scriptedSettingsSchema, { secrets: ['secret'] });
