console.log('copy-models placeholder')
