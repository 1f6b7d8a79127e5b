export * from './scripted.adapter';
export * from './scripted.channel';
