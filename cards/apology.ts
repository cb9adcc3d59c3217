/** 处理失败致歉: an acknowledged message the bot could not handle. Says it was recorded; never a stack trace. */
import { card, markdown, type CardJson } from './kit.js';

export function apologyCard(v: { reference: string }): CardJson {
  return card({
    title: { zh: '抱歉，这条消息没有处理成功', en: 'Sorry, that message could not be handled' },
    template: 'orange',
    elements: [
      markdown({
        zh: `这条消息我们已经记录下来（记录编号 \`${v.reference}\`），管理员会尽快处理，处理后会再答复您。如有急事，请直接联系支部书记。`,
        en: `It has been recorded (reference \`${v.reference}\`); an administrator will look into it and you will get an answer.`,
      }),
    ],
  });
}

/** 只能读文字: a message of a kind the bot does not read (image, file, sticker, voice, forwarded chat). */
export function unsupportedMessageCard(): CardJson {
  return card({
    title: { zh: '我目前只能读懂文字消息', en: 'I can only read text messages' },
    template: 'wathet',
    elements: [
      markdown({
        zh: '图片、文件、表情、语音和转发的聊天记录我还读不懂。请用文字告诉我您要做什么，发送 **帮助** 查看我能做什么。',
        en: 'Images, files, stickers, voice and forwarded chats are not understood yet. Send **help** to see what I can do.',
      }),
    ],
  });
}
